from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "lotse.consent"
    label = "consent"
    verbose_name = "Einwilligungen"

    def ready(self) -> None:
        from lotse.consent.views import person_section
        from lotse.people.views import register_person_section

        register_person_section(person_section)
