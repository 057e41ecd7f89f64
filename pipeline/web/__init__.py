"""The journalist's web page and JSON API (``press-extract serve``)."""
