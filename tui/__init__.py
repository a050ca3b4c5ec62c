"""tandem: read foreign-language news beside offline translations.

The package ``__init__`` imports nothing on purpose: ``tandem`` must paint its
first screen before any heavy library (Textual aside) is loaded, so every
submodule is imported where it is used.
"""

__version__ = "0.1.0"
