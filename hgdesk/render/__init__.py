"""Document -> PDF (reportlab) and Document -> DOCX (python-docx)."""
