// Small comforts only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var log = document.getElementById("log");
  if (log) { log.scrollTop = log.scrollHeight; }
  if (location.hash === "#say") {
    var text = document.getElementById("text");
    if (text) { text.focus(); }
  }
  var print = document.getElementById("print");
  if (print) { print.addEventListener("click", function () { window.print(); }); }
});
