// Copy buttons of the citation box and the translation switch of the reader.
(function () {
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http on a LAN: fall back to a hidden textarea.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
    return Promise.resolve();
  }

  document.querySelectorAll("button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      copyText(source.textContent.trim()).then(function () {
        button.textContent = "已复制";
        setTimeout(function () { button.textContent = "复制"; }, 2000);
      });
    });
  });

  var toggle = document.getElementById("show-translation");
  if (toggle) {
    var article = document.getElementById("document");
    toggle.addEventListener("change", function () {
      article.classList.toggle("show-translation", toggle.checked);
    });
  }
})();
