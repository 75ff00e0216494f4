"""Bundled model files of eaframe (package data; see eaframe.bundled)."""
