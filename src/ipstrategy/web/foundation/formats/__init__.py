"""The project's number formats (``FORMAT_MODULE_PATH``); anything not set here is Django's."""
