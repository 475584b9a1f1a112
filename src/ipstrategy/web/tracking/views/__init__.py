"""The reporting cycle's pages: ``reports`` (a department's reports and evidence) and ``periods``
(the office's periods, dashboard, Excel template, import and audit export)."""
