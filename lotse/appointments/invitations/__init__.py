"""Proactive invitations (issue 5): selection of expiring residence statuses, proposed internal
appointments, plain-language letters (DIN 5008) and tracking of what became of them."""
