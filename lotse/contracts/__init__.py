"""The data contracts of ../shared/contracts as pure Python (no Django): shared by the person
registry (import/export) and the screening engine, so neither app depends on the other."""
