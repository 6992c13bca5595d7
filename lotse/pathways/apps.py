from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "lotse.pathways"
    label = "pathways"
    verbose_name = "Bleibeperspektiven"

    def ready(self) -> None:
        from lotse.pathways.services import screening_refresh
        from lotse.people.services import subscribe_to_person_changes

        # Stored results follow every change of a person's facts (see people.services).
        subscribe_to_person_changes(screening_refresh)

        from lotse.pathways.views import person_section
        from lotse.people.views import register_person_section

        register_person_section(person_section)

        from lotse.core.context_processors import register_navigation
        from lotse.pathways.views import navigation

        register_navigation(navigation)
        from lotse.pathways import subject_data  # noqa: F401  (Art. 15 section, retention hook)
