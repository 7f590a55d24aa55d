"""The audit trail: append-only records of every change to personal data and of every time a
staff user opens a sensitive record, and every export. Rows are never updated or deleted by the
application, and database triggers refuse an UPDATE or DELETE of them (migration 0003)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("Audit records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit records cannot be deleted.")


class AuditEvent(AppendOnly):
    class Action(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        DELETED = "deleted", "Deleted"
        STATUS_CHANGED = "status_changed", "Status changed"
        IMPORTED = "imported", "Imported"
        SIGNED_UP = "signed_up", "Signed up"
        # Data leaving the product: who downloaded what, and when.
        REGISTER_EXPORTED = "register_exported", "Register exported"
        PAYMENT_RUN_EXPORTED = "payment_run_exported", "Payment run exported"
        STATEMENT_DOWNLOADED = "statement_downloaded", "Statement downloaded"
        SUBJECT_ACCESS_EXPORTED = "subject_access_exported", "Subject access exported"
        # People's rights, and the organisation's retention rules.
        RESTRICTED = "restricted", "Processing restricted"
        RESTRICTION_LIFTED = "restriction_lifted", "Restriction lifted"
        ERASED = "erased", "Erased"
        RETENTION_APPLIED = "retention_applied", "Retention rules applied"
        RETENTION_PERIODS_SET = "retention periods set", "Retention periods set"
        # Opportunities, sessions and places. Older actions were stored as these words, so
        # the values keep their spaces.
        REVIEWED = "reviewed", "Reviewed"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"
        INVITED = "invited", "Invited"
        GIVEN_A_PLACE = "given a place", "Given a place"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        ATTENDANCE_RECORDED = "attendance recorded", "Attendance recorded"
        CALENDAR_ADDRESS_RESET = "calendar address reset", "Calendar address reset"
        # Claims, fees and payments.
        CLAIM_CREATED = "claim created", "Claim created"
        CLAIM_SUBMITTED = "claim submitted", "Claim submitted"
        CLAIM_ADJUSTED = "claim adjusted", "Claim adjusted"
        CLAIM_WITHDRAWN = "claim withdrawn", "Claim withdrawn"
        CLAIM_CHECKED = "claim checked", "Claim checked"
        CLAIM_APPROVED = "claim approved", "Claim approved"
        CLAIM_REJECTED = "claim rejected", "Claim rejected"
        CLAIM_SENT_BACK = "claim sent back", "Claim sent back"
        CLAIM_SENT_AGAIN = "claim sent again", "Claim sent again"
        CLAIM_PAID = "claim paid", "Claim paid"
        FEE_CHOICE_RECORDED = "fee choice recorded", "Fee choice recorded"
        FEE_OVERRIDE_RECORDED = "fee override recorded", "Fee choice overridden"
        PAYMENT_RUN_CREATED = "payment run created", "Payment run created"
        PAYMENT_POLICY_SET = "payment policy set", "Payment policy set"
        PAYMENT_POLICY_REPLACED = "payment policy replaced", "Payment policy replaced"
        BUDGET_SET = "budget set", "Budget set"
        # Photo ID badges.
        BADGE_ISSUED = "badge issued", "Badge issued"
        BADGE_REVOKED = "badge revoked", "Badge revoked"
        BADGES_PRINTED = "badges printed", "Badges printed"
        # Support sheets: guidance pages the involvement lead writes.
        SHEET_ADDED = "support sheet added", "Support sheet added"
        SHEET_CHANGED = "support sheet changed", "Support sheet changed"
        SHEET_RETIRED = "support sheet retired", "Support sheet retired"
        SHEET_RESTORED = "support sheet restored", "Support sheet brought back"
        # Agreements and the onboarding checklist.
        AGREEMENT_ADDED = "agreement added", "Agreement added"
        AGREEMENT_PUBLISHED = "agreement version published", "New agreement version published"
        AGREEMENT_RETIRED = "agreement retired", "Agreement retired"
        AGREEMENT_SIGNED = "agreement signed", "Agreement signed"
        AGREEMENT_SIGNED_ON_PAPER = "agreement signed on paper", "Agreement signed on paper"
        CHECKLIST_CHANGED = "onboarding checklist changed", "Onboarding checklist changed"
        ONBOARDING_COMPLETED = "onboarding completed", "Made active after onboarding"
        # Training.
        COURSE_ADDED = "course added", "Course added"
        COURSE_CHANGED = "course changed", "Course changed"
        COURSE_RETIRED = "course retired", "Course retired"
        TRAINING_RECORDED = "training recorded", "Training recorded"
        TRAINING_CORRECTED = "training corrected", "Training record corrected"
        TRAINING_REMOVED = "training removed", "Training record removed"
        TRAINING_REMINDED = "training reminder sent", "Training expiry reminder sent"
        # Confidential work (serious incident investigations).
        MADE_CONFIDENTIAL = "made confidential", "Made confidential"
        CONFIDENTIAL_STAFF_CHANGED = "confidential staff changed", "Named staff changed"
        CHECK_IN_RECORDED = "check-in recorded", "Debrief or check-in recorded"
        PAPER_ADDED = "paper added", "Paper added"
        PAPER_OPENED = "paper opened", "Paper opened"
        PAPER_WITHDRAWN = "paper withdrawn", "Paper withdrawn"
        # Welcome packs.
        WELCOME_PACK_SENT = "welcome pack sent", "Welcome pack sent"
        WELCOME_SECTION_CHANGED = "welcome section changed", "Welcome pack wording changed"
        # Parking.
        VEHICLE_ADDED = "vehicle added", "Vehicle added"
        VEHICLE_CHANGED = "vehicle changed", "Vehicle changed"
        VEHICLE_REMOVED = "vehicle removed", "Vehicle removed"
        PERMIT_ISSUED = "permit issued", "Parking permit issued"
        PERMIT_CANCELLED = "permit cancelled", "Parking permit cancelled"
        # The organisation's own words.
        TERMS_CHANGED = "terms changed", "Our words changed"
        # Printing for many people at once.
        ATTENDANT_LIST_PRINTED = "attendant list printed", "Car park list printed"
        WELCOME_PACKS_PRINTED = "welcome packs printed", "Welcome packs printed"
        # Feedback after sessions (issue 13). Anonymous answers are never audited by expert.
        FEEDBACK_ASKED = "feedback asked", "Asked for feedback"
        FEEDBACK_ANSWERED = "feedback answered", "Feedback form answered"
        FEEDBACK_QUESTIONS_SET = "feedback questions set", "Feedback questions changed"
        # Outcomes: "you said, we did".
        OUTCOME_RECORDED = "outcome recorded", "Outcome recorded"
        OUTCOME_CHANGED = "outcome changed", "Outcome changed"
        OUTCOME_TOLD = "outcome told", "Experts told what happened next"
        OUTCOME_WEEKS_SET = "outcome weeks set", "Weeks until an outcome is due changed"
        # Concerns raised by experts.
        CONCERN_RAISED = "concern raised", "Concern raised"
        CONCERN_TRIAGED = "concern triaged", "Concern triaged"
        CONCERN_RESPONDED = "concern responded", "Concern responded to"
        CONCERN_CLOSED = "concern closed", "Concern closed"
        CONCERN_REOPENED = "concern reopened", "Concern reopened"
        SAFEGUARDING_TOLD = "safeguarding contacts told", "Safeguarding contacts told"
        SAFEGUARDING_CONTACTS_SET = "safeguarding contacts set", "Safeguarding contacts changed"
        # Co-production declarations and the board's reviews of them.
        DECLARATION_SUBMITTED = "declaration submitted", "Co-production declaration submitted"
        DECLARATION_CHANGED = "declaration changed", "Co-production declaration changed"
        DECLARATION_REVIEWED = "declaration reviewed", "Declaration reviewed by the board"
        FOLLOW_UP_DONE = "follow-up done", "Board follow-up done"
        # Strategic ambitions for involvement.
        AMBITION_SET = "ambition set", "Ambition added or changed"
        AMBITION_RETIRED = "ambition retired", "Ambition retired"
        AMBITION_LINKED = "ambition work linked", "Work linked to an ambition"
        # Equality monitoring (special-category data) and the local population.
        EQUALITY_ANSWERED = "equality answers given", "Equality monitoring answers given"
        EQUALITY_REMOVED = "equality answers removed", "Equality monitoring answers removed"
        POPULATION_SET = "population set", "Local population figures changed"
        # The annual Experts Report and each expert's year.
        REPORT_WRITTEN = "report written", "Experts Report highlights or case studies changed"
        REPORT_PUBLISHED = "report published", "Experts Report published"
        YEAR_SUMMARY_PRINTED = "year summary printed", "Year summary printed for an expert"
        # Keeping in touch (issue 14): mailing lists, messages, reminders, communication needs.
        MAILING_LIST_SET = "mailing list set", "Mailing list added or changed"
        MAILING_LIST_JOINED = "mailing list joined", "Joined a mailing list"
        MAILING_LIST_LEFT = "mailing list left", "Left a mailing list"
        MESSAGE_SENT = "message sent", "Message sent to a mailing list"
        COMMUNICATION_NEEDS_SET = "communication needs set", "Communication needs changed"
        REMINDERS_SET = "reminders set", "Reminder settings changed"
        # Experts meeting each other: the directory and events.
        DIRECTORY_ENTRY_SET = "directory entry set", "Directory entry changed"
        EVENT_SET = "event set", "Event added or changed"
        EVENT_REPLIED = "event replied", "Replied to an event"
        EVENT_REPLIES_EXPORTED = "event replies exported", "Event replies downloaded"
        # Working Together stories and the award.
        STORY_SUBMITTED = "story submitted", "Working Together story submitted"
        STORY_PUBLISHED = "story published", "Working Together story published"
        STORY_WITHDRAWN = "story withdrawn", "Working Together story withdrawn"
        AWARD_SET = "award set", "Working Together award opened or changed"
        NOMINATION_MADE = "nomination made", "Nomination made for the award"
        AWARD_DECIDED = "award decided", "Award shortlist or winners recorded"

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices)
    # The record changed, e.g. "people.expert" 42.
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    # The record a person would look for it under (an expert's history shows changes to their
    # expertise and needs too), e.g. "people.expert" 42.
    subject_model = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject_model", "subject_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.model}#{self.object_id}"


class RecordView(AppendOnly):
    at = models.DateTimeField(default=timezone.now)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    viewer_label = models.CharField(max_length=200, blank=True)
    subject_model = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=64)
    what = models.CharField(max_length=100, default="profile")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject_model", "subject_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.viewer_label} opened {self.subject_model}#{self.subject_id}"
