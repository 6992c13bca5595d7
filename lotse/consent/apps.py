from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "lotse.consent"
    label = "consent"
    verbose_name = "Einwilligungen"

    def ready(self) -> None:
        from lotse.consent.views import navigation, person_section
        from lotse.core.context_processors import register_navigation
        from lotse.people.views import register_person_section

        register_person_section(person_section)
        register_navigation(navigation)

        # Art. 15 sections and retention handlers of the person registry and of consents.
        from lotse.consent import retention_handlers, subject_sections

        subject_sections.register()
        retention_handlers.register()
