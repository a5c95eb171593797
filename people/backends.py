"""Sign in with a NIP or a username, same password check as Django's."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .selectors import user_by_login
from .user_cache import user_cached
from .validators import normalize_nip


class NipOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        login = normalize_nip(username) if normalize_nip(username).isdigit() else username
        user = user_by_login(login=login)
        if user is None:
            # Run the hasher anyway so a missing account takes as long as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The session's user, from the shared cache while the row is unchanged (people.user_cache)."""
        user_model = get_user_model()
        user = user_cached(user_id=user_id, load=lambda: user_model._default_manager.filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None
