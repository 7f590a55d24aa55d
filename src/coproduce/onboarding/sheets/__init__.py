"""Support sheets: short pages of guidance the involvement lead writes in Markdown, for staff
(involving experts well, inclusive meetings, avoiding jargon) and for experts (what taking
part involves), each printable and ready to go in a welcome pack."""
