"""Quiz views: learners take quizzes (taking), trainers mark and analyse them in the admin (admin)."""
