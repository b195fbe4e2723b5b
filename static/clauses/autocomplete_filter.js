'use strict';
// The clause list's filters that pick an entry by typing (clauses/admin/filters.py, _PickerFilter):
// choosing or clearing an entry applies the filter at once, as a click on a listed choice does.
{
    const $ = django.jQuery;
    $(function() {
        $('form.picker-filter select').on('change', function() {
            if (!this.value) {
                this.disabled = true;  // cleared: the parameter leaves the address rather than stay empty
            }
            this.form.submit();
        });
    });
    // A page the browser brings back from its history cache keeps the state it was left in.
    window.addEventListener('pageshow', function() {
        document.querySelectorAll('form.picker-filter select').forEach((select) => { select.disabled = false; });
    });
}
