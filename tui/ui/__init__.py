"""Textual views: screens, widgets and styles. The only place Textual is imported."""
