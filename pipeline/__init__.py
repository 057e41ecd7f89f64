"""press-extract stages: acquire -> parse -> nlp -> record -> sinks."""
__version__ = "0.1.0"
