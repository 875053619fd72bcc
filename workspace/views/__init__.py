"""The workspace's pages; each takes the signed-in StaffMember from access.staff_page."""
