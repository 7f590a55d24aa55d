"""Pages of the register of members: public (join, manage by an emailed link), the membership
office's, and an expert's one-step join from their portal."""
