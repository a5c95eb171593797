"""Hooks for workshops: the audit-log action of a manual attendance correction."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("register_log_actions")
def register_workshop_log_actions(actions):
    @actions.register_action("courses.attendance_correct")
    class AttendanceCorrectionFormatter(LogFormatter):
        """A trainer's manual attendance correction, shown in the workshop page's history."""

        label = _("Correct attendance")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            template = (
                _("%(participant)s marked present at %(session)s")
                if data.get("present")
                else _("%(participant)s marked absent at %(session)s")
            )
            return template % {"participant": data.get("participant", "?"), "session": data.get("session", "?")}

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")
