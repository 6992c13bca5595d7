"""Where the persona tests of the cases URLs live (merged by tests/test_url_permissions.py)."""

VIEWS = "tests/cases/test_views.py"

PERMISSION_TESTS = {
    f"cases:{name}": VIEWS
    for name in (
        "list",
        "my_tasks",
        "open",
        "detail",
        "close",
        "reopen",
        "assessment",
        "assessment_add",
        "plan",
        "plan_draft",
        "plan_version",
        "plan_update",
        "goal_add",
        "plan_agree",
        "plan_print",
        "plan_pdf",
        "objective_add",
        "step_add",
        "step_status",
        "plan_item_delete",
        "plan_item_edit",
        "attainment",
        "tasks",
        "task_done",
        "notes",
        "documents",
        "document_download",
    )
}
PUBLIC: set[str] = set()
