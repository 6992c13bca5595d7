from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "lotse.cases"
    label = "cases"
    verbose_name = "Fallmanagement"

    def ready(self) -> None:
        from lotse.cases import access
        from lotse.cases.models import Case, Document, Note, Task
        from lotse.core import policy

        policy.register(Case, policy.ModelRules(may=access.may, narrow=access.narrow))
        for model in (Task, Note, Document):
            policy.register(model, policy.ModelRules(may=access.may, narrow=access.narrow_children))

        from lotse.cases.views import navigation, person_section, start_block
        from lotse.core.context_processors import register_navigation, register_start_block
        from lotse.people.views import register_person_section

        register_person_section(person_section)
        register_navigation(navigation)
        register_start_block(start_block)
        from lotse.cases import subject_data  # noqa: F401  (registers Art. 15 section, retention)
