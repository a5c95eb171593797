"""What each role may do, as permission codenames, so groups can be rebuilt from code."""

from .models import Role

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEARNER: [],
    Role.TRAINER: [
        "wagtailadmin.access_admin",
        "quizzes.add_quiz",
        "quizzes.change_quiz",
        "quizzes.view_quiz",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    Role.HR: [
        "wagtailadmin.access_admin",
        "records.view_unit_records",
        "people.import_roster",
    ],
    Role.ADMIN: [
        "wagtailadmin.access_admin",
        "records.view_unit_records",
        "people.import_roster",
        "people.import_units",
    ],
}
