"""The programme office: plan, RAID, decisions and actions, benefits, impact assessments, engagement."""
