"""Kyrgyzstan: ayil aimak / town SEDP."""
