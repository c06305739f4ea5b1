// The search box: on the start page it filters the contents as one types (every word must occur in
// a table's title, number, chapter or source); on any other page Enter opens the start page with ?q=.
(function () {
  var box = document.getElementById("soeg");
  var contents = document.getElementById("indhold");
  if (!box || !contents) return;
  var items = Array.prototype.slice.call(contents.querySelectorAll("li[data-titel]"));
  var chapters = Array.prototype.slice.call(contents.querySelectorAll("li.kapitel"));
  var found = document.getElementById("fundne");
  var initial = found.textContent;
  function filter() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var n = 0;
    items.forEach(function (li) {
      var title = li.getAttribute("data-titel");
      var hit = words.every(function (w) { return title.indexOf(w) >= 0; });
      li.hidden = !hit;
      if (hit) n += 1;
    });
    chapters.forEach(function (ch) {  // a chapter shows while one of its tables does
      var own = ch.querySelectorAll("li[data-titel]");
      ch.hidden = words.length > 0 && (own.length === 0 || !ch.querySelector("li[data-titel]:not([hidden])"));
    });
    found.textContent = words.length ? n + (n === 1 ? " tabel" : " tabeller") + " fundet" : initial;
  }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) box.value = q;
  box.addEventListener("input", filter);
  box.form.addEventListener("submit", function (e) {  // already on the start page: filter, do not reload
    e.preventDefault();
    filter();
    var first = items.filter(function (li) { return !li.hidden; })[0];
    if (first) first.querySelector("a").focus();
  });
  filter();
})();
