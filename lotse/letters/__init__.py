"""Letters: the DIN 5008 letter base (HTML + print CSS for WeasyPrint) and PDF rendering."""
