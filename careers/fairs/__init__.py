"""Recruitment fairs (专场招聘会, issue 18): the city's staff or a school organise a fair for an audience of
schools, majors and graduation years; companies apply for a booth with their jobs and placement slots; students
register and are checked in at the door with a QR code; the fair's report follows what came of it.

An app of its own inside careers (label `fairs`, after careers in INSTALLED_APPS), so its models and migrations
move independently of careers'."""
