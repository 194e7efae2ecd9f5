// Shows what a map's hovered or focused place is, below the map: a tooltip
// (the <title>) does not appear on keyboard focus. Screen readers already
// read it as the link's name, so the line is hidden from them
// (templates/components/world_map.html). Without JavaScript the tooltips and
// the table remain.
document.querySelectorAll("svg[data-map-details]").forEach((map) => {
  const details = document.getElementById(map.dataset.mapDetails);
  if (!details) {
    return;
  }
  const show = (event) => {
    const link = event.target.closest("a");
    const title = link && link.querySelector("title");
    if (title) {
      details.textContent = title.textContent;
      details.hidden = false;
    }
  };
  map.addEventListener("focusin", show);
  map.addEventListener("mouseover", show);
});
