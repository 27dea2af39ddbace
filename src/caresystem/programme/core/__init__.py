"""The programme itself and its configuration (risk grading bands, RAG mapping, tolerances)."""
