"""What each role may do, as permission codenames, so groups can be rebuilt from code."""

from .models import Role

_TRAINER = [
    "wagtailadmin.access_admin",
    "quizzes.add_quiz",
    "quizzes.change_quiz",
    "quizzes.view_quiz",
    "quizzes.add_question",
    "quizzes.change_question",
    "quizzes.view_question",
    "quizzes.add_category",
    "quizzes.change_category",
    "quizzes.view_category",
    "quizzes.view_sittings",
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
    "courses.add_assignment",
    "courses.view_assignment",
    "certificates.add_certificatetemplate",
    "certificates.change_certificatetemplate",
    "certificates.view_certificatetemplate",
    "certificates.view_certificate",
    "certificates.manage_certificates",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEARNER: [],
    Role.TRAINER: _TRAINER,
    # Lead trainers do what trainers do and approve what trainers submit (Wagtail's moderation workflow, set up
    # by courses.services).
    Role.LEAD_TRAINER: list(_TRAINER),
    Role.HR: [
        "wagtailadmin.access_admin",
        "records.view_unit_records",
        "courses.add_assignment",
        "courses.view_assignment",
        "certificates.download_certificates_in_bulk",
        "people.import_roster",
    ],
    Role.ADMIN: [
        "wagtailadmin.access_admin",
        "records.view_unit_records",
        "courses.add_assignment",
        "courses.view_assignment",
        "people.import_roster",
        "people.import_units",
        # The task queue page in the admin (operations): see pending and failed tasks, retry failed ones.
        "django_tasks_database.view_dbtaskresult",
        "django_tasks_database.change_dbtaskresult",
    ],
}
