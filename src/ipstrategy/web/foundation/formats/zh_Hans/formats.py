"""Chinese numbers as government tables print them: 12,000 and 1,234,567 (groups of three, commas).

Django's own zh_Hans formats group by four with no separator, so a grouped 12000 would show as
"12000"; statistical yearbooks and CNIPA's reports write "12,000". Only the grouping is set here:
dates and the decimal point stay Django's (``get_format`` falls back module by module).
"""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
