"""Plans in and out of the tools programme offices use: Microsoft Project (MSPDI XML, .mpp) and the other formats
MPXJ reads, spreadsheet plans (XLSX), and milestones as iCalendar feeds."""
