"""Members' views: short surveys sent to all members or one constituency, answered online or entered from paper, with results as charts and tables (issue 15)."""
