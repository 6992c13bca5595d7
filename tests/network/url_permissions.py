"""Where the persona tests of the network URLs live (merged by tests/test_url_permissions.py)."""

VIEWS = "tests/network/test_views.py"

PERMISSION_TESTS = {
    f"network:{name}": VIEWS
    for name in (
        "inbox",
        "outbox",
        "referral_create",
        "transfer_create",
        "obstacle_create",
        "referral_detail",
        "referral_accept",
        "referral_decline",
        "referral_complete",
        "transfer_detail",
        "transfer_accept",
        "transfer_decline",
        "obstacles",
        "coordination",
        "coordination_csv",
        "obstacle_status",
    )
}
PUBLIC: set[str] = set()
