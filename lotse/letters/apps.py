from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "lotse.letters"
    label = "letters"
    verbose_name = "Briefe"
