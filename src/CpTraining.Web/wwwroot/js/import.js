// Import page: refuse a file over the size limit before uploading it (the server refuses it too, but only
// after the browser has sent it). The message comes localised in data-too-large.
document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function (input) {
    input.addEventListener('change', function () {
        var max = Number(input.dataset.maxBytes);
        var file = input.files && input.files[0];
        input.setCustomValidity(file && file.size > max ? input.dataset.tooLarge : '');
        input.reportValidity();
    });
});
