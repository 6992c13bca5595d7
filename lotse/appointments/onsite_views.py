from typing import Any


def navigation(user: Any) -> list[tuple[Any, str]]:
    return []
