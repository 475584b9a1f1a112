"""Notifications: e-mail and an in-app list when a report is returned or approved, a period opens
or a deadline approaches, each with a link to the page to act on, in the reader's language."""
