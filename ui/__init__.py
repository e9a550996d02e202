"""The PySide6 desktop application. Widgets and Qt models only; all work goes through hgdesk.services."""
