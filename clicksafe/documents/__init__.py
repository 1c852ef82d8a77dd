"""Files for teachers made from the site's own HTML: A4 PDFs (WeasyPrint) and Word documents."""
