// The chosen file's name beside the page's own "choose a file" button (templates/upload_form.html).
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.classList || !input.classList.contains("file-input")) return;
  var shown = document.getElementById(input.id + "-name");
  if (shown) shown.textContent = input.files.length ? input.files[0].name : shown.getAttribute("data-none");
});
