from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lotse.people"
    label = "people"
    verbose_name = "Personen"

    def ready(self) -> None:
        from lotse.core.context_processors import register_navigation
        from lotse.people.views import navigation

        register_navigation(navigation)
