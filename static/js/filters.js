// Filter boxes fold away on phones (a tap opens them) and stay open on wider screens.
document.querySelectorAll("details.filter-box").forEach((box) => {
  if (window.matchMedia("(min-width: 768px)").matches) box.open = true;
});
