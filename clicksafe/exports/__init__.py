"""Quizzes in the formats of school platforms: Moodle GIFT and IMS QTI 2.1. Plain Python."""
