"""Builds tests/demo/program.docx with the shared authoring helpers: `python tests/demo/build_template.py`."""

from pathlib import Path

from sedp_core.authoring.build import (
    add_heading,
    add_loop_table,
    add_paragraph,
    add_running_header,
    new_document,
    save_template,
)

doc = new_document()
add_paragraph(doc, "{{ title }}", style="Title", align="center")
add_paragraph(doc, "{{ municipality_name }} — {{ motto }}", align="center")
add_paragraph(doc, "{{ program.vision|t }}")
add_heading(doc, "{{ labels.goals }}", 1)
add_loop_table(doc, ["No", "Goal", "Objective", "Task"], "row in goal_rows",
               ["{{ row.task_no or row.goal_no }}", "{{ row.goal }}", "{{ row.objective }}", "{{ row.task }}"])
add_loop_table(doc, ["No", "Activity", "Cost"], "row in activity_rows",
               ["{{ row.no }}", "{{ row.title }}", "{{ row.cost|money }}"], align=["center", "left", "right"],
               total=["", "", "{{ activities_total_cost|money }}"])
add_running_header(doc, "{{ title }} — {{ municipality_name }}")
save_template(doc, Path(__file__).with_name("program.docx"))
