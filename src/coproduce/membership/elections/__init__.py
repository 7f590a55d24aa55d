"""Governor elections: the papers, the count (first past the post or STV) and its count sheet."""
