"""The onboarding checklist: what each new expert has done of what the organisation asks
before they take part (agreements signed, training done, photo, welcome pack, badge), the list
of everyone still onboarding, and the involvement lead's choice of which items are required."""
