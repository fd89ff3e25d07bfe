"""The Kyrgyz documents' context, one module per part of the program (`build` assembles them under `aa`)."""
