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
}
