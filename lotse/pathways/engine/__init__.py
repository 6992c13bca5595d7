"""Pure residence-law screening: no Django imports anywhere below this package."""
