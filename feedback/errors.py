"""Error codes of the feedback and the policy review: stable strings the pages and tests match, spelled once."""

from enum import StrEnum


class FeedbackErrorCode(StrEnum):
    GROUP_ROLE = "feedback.group_role"
    ALREADY_MEMBER = "feedback.already_member"
    NOT_MEMBER = "feedback.not_member"
    EMPTY = "feedback.empty"
    DOCUMENT = "feedback.document"
    RULE = "feedback.rule"
    ANSWER_ROLE = "feedback.answer_role"
    ANSWER_OWN = "feedback.answer_own"
    ANSWER_EMPTY = "feedback.answer_empty"
    ANSWER_STATUS = "feedback.answer_status"
    NOT_AUTHOR = "feedback.not_author"
    NOT_ANSWERED = "feedback.not_answered"
    REVIEW_ROLE = "feedback.review_role"
    REVIEW_YEAR = "feedback.review_year"
    REVIEW_EXISTS = "feedback.review_exists"
    CLOSE_ROLE = "feedback.close_role"
    CLOSE_EMPTY = "feedback.close_empty"
    REVIEW_CLOSED = "feedback.review_closed"
