"""Every word the pages show, as catalog msgids (docs/translating.md): the templates name them by key.

They live here, not in the HTML templates, so that the core's one extraction (`babel.cfg`, Python files) finds
them and the i18n test checks each is translated into ky, ru and mn.
"""

from __future__ import annotations

from sedp_core.i18n import N_

__all__ = ["WORDS"]

WORDS: dict[str, str] = {
    "site": N_("Development program documents"),
    "language": N_("Language"),
    "methodology": N_("Methodology"),
    "show": N_("Show"),
    "intro": N_("Fill in your program's data in Excel, upload the file here, correct what the check finds, then "
                "download the finished Word documents."),
    "step1": N_("1. Get the empty workbook"),
    "step1_text": N_("Download the workbook of your methodology and fill it in in Excel or LibreOffice. Each sheet "
                     "is one list of the program; the first row of each sheet says what to write in each column."),
    "workbook": N_("Empty workbook (Excel, .xlsx)"),
    "sample": N_("Sample program (text file, .yaml)"),
    "sample_note": N_("for specialists who edit the program as text"),
    "survey": N_("Survey form (XLSForm for KoboToolbox or ODK)"),
    "survey_note": N_("to collect citizens' answers on phones"),
    "step2": N_("2. Upload your filled-in file"),
    "step2_text": N_("sedp checks the file and lists every problem with its sheet and cell, so that you can correct "
                     "it and upload it again."),
    "choose_file": N_("Your file (.xlsx, .ods, .yaml or .json; at most {size} MB)"),
    # TRANSLATORS: the button's words are quoted in "No file was chosen: click «Choose file»...": keep them the same
    "browse": N_("Choose file"),
    "no_file_yet": N_("No file chosen yet"),
    "upload": N_("Check my file"),
    "upload_again": N_("Upload the corrected file"),
    "upload_again_text": N_("Correct the file on your computer, save it, and upload it again here."),
    "step3": N_("3. Get the documents"),
    "step3_text": N_("When the check finds no errors, a button makes the Word documents; you can look at the first "
                     "page of each and download them."),
    "other_methodologies": N_("Other methodologies"),
    "privacy": N_("Uploaded files are kept for {minutes} minutes and then deleted. Only someone who has the link "
                  "of your page can see them."),
    "report_title": N_("Check of {name}"),
    "report_errors": N_("The file has errors. Correct each one listed below, then upload the file again."),
    "report_valid": N_("No errors: the documents can be made."),
    "report_warnings": N_("Please look at the warnings too: the documents can be made, but something may be missing."),
    "errors_count": N_("Errors"),
    "warnings_count": N_("Warnings"),
    "where": N_("Where"),
    "problem": N_("Problem"),
    "fix": N_("What to do"),
    "error": N_("error"),
    "warning": N_("warning"),
    "group_sheet_row": N_("Sheet «{sheet}», row {row}"),
    "group_sheet": N_("Sheet «{sheet}»"),
    "group_line": N_("Line {line}"),
    "group_file": N_("The whole file"),
    "location_line": N_("line {line}:{column}"),
    "fix_cell": N_("Open sheet «{sheet}», go to cell {cell} and correct it as the problem says."),
    "fix_sheet": N_("Open sheet «{sheet}» and correct it as the problem says."),
    "fix_line": N_("Open the file in a text editor, go to line {line} and correct it as the problem says."),
    "fix_file": N_("Correct the file as the problem says."),
    "fix_warning": N_("Check that this is what you meant; the documents can still be made."),
    "make_documents": N_("Make the documents"),
    "make_documents_text": N_("This makes every document of the program in each of its languages."),
    "documents_title": N_("Documents of {name}"),
    "making": N_("Making the documents…"),
    "making_text": N_("This can take a minute or two. This page updates by itself; please keep it open."),
    "made": N_("{done} of {total} made"),
    "documents_done": N_("The documents are ready. Look at the first page of each, then download them."),
    "download_docx": N_("Download Word (.docx)"),
    "download_pdf": N_("Download PDF"),
    "download_all": N_("Download all documents (.zip)"),
    "no_preview": N_("No picture of the first page: LibreOffice is not installed on this server, so no PDF copies "
                     "or pictures can be made. The Word documents are complete."),
    "pdf_turned_off": N_("No picture of the first page: PDF copies are turned off on this server. The Word documents "
                         "are complete."),
    "first_page": N_("First page of {title}"),
    "document_language": N_("in {language}"),
    "render_failed": N_("The documents could not be made."),
    "render_failed_some": N_("Some documents could not be made:"),
    "back_to_report": N_("Back to the check of your file"),
    "start_again": N_("Start again with another file"),
    "upload_failed": N_("This file could not be checked"),
    "what_to_do": N_("Correct the file, or choose another one, and upload it again."),
    "not_found": N_("This page does not exist (any more)"),
    "not_found_text": N_("Uploaded files and their documents are deleted {minutes} minutes after the upload. Please "
                         "upload your file again."),
    "forbidden": N_("The form was sent without its security code"),
    "forbidden_text": N_("This happens when a page was open for a long time or came from another site. Please open "
                         "the start page and try again."),
    "home": N_("Start page"),
    "crashed": N_("The server stopped while working on your file (it may be too large or damaged). Other users "
                  "are not affected. Try a smaller file, or ask your IT person to look at the server's log."),
    "server_error": N_("Something went wrong on the server. Please try again; if it happens again, ask your IT "
                       "person to look at the server's log."),
    # errors of an upload, before it is read
    "no_file": N_("No file was chosen: click «Choose file», pick your file, then click «Check my file»."),
    "too_large": N_("The file is larger than {size} MB, the most this server takes. Remove pictures or unused "
                    "sheets, or ask your IT person to raise the limit (SEDP_MAX_INPUT_BYTES)."),
    "path_name": N_("The file name «{name}» contains a folder path. Rename the file (letters, digits, dots and "
                    "dashes) and upload it again."),
    "empty_file": N_("The file is empty. Choose the file you filled in."),
    "bad_form": N_("The form could not be read. Please open the start page and try again."),
}
